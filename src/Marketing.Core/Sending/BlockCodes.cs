namespace Marketing.Sending;

/// <summary>The gate's reasons to block, by stable name: tests and tools match these, never the wording.</summary>
public static class BlockCodes
{
    public const string UnknownMessageType = "unknown_message_type";
    public const string UnknownChannel = "unknown_channel";
    public const string NoPerson = "no_person";
    public const string NoAddress = "no_address";
    /// <summary>A bounce, complaint or erasure: the address takes nothing at all.</summary>
    public const string SuppressedAddress = "suppressed_address";
    /// <summary>An opt-out from all marketing on the channel.</summary>
    public const string SuppressedAllMarketing = "suppressed_all_marketing";
    /// <summary>An opt-out from the message's purpose alone.</summary>
    public const string SuppressedPurpose = "suppressed_purpose";
    /// <summary>An objection to direct marketing in the message's scope (R17): whatever the basis.</summary>
    public const string Objected = "objected";
    /// <summary>The person's processing is restricted (R39): no message of any type leaves.</summary>
    public const string Restricted = "restricted";
    public const string NoPurpose = "no_purpose";
    public const string UnknownPurpose = "unknown_purpose";
    public const string PurposeChannel = "purpose_channel";
    public const string SenderIdentity = "sender_identity";
    public const string NoBasisForRegime = "no_basis_for_regime";
    public const string ConsentWithdrawn = "consent_withdrawn";
    public const string ConsentObjected = "consent_objected";
    public const string ConsentExpired = "consent_expired";
    /// <summary>The basis's <c>valid_until</c> passed: the last contact is too long ago (R19).</summary>
    public const string BasisExpired = "basis_expired";
    public const string ConsentPending = "consent_pending";
    public const string NoConsent = "no_consent";
    public const string BasisNotForMarketing = "basis_not_for_marketing";
    public const string LegitimateInterestNotAllowed = "legitimate_interest_not_allowed";
    public const string RelevanceNotAttested = "relevance_not_attested";
    public const string RoleUnknown = "role_unknown";
    public const string CustomerExceptionNotApplicable = "customer_exception_not_applicable";
    public const string NoQualifyingOrder = "no_qualifying_order";
    public const string CustomerRefusedMarketing = "customer_refused_marketing";
    public const string OrderWithoutOptOut = "order_without_opt_out";
    public const string TransactionalWithoutReference = "transactional_without_reference";
    public const string TransactionalOrderNotTheirs = "transactional_order_not_theirs";
    public const string TransactionalNoticeNotOwed = "transactional_notice_not_owed";
    /// <summary>A person collected indirectly (API, import) with no basis recorded for the purpose (R51, R55).</summary>
    public const string NoMarketingBasis = "no_marketing_basis";
    /// <summary>A person collected indirectly was not given the art. 14 information within 30 days (R52).</summary>
    public const string Art14NotInformed = "not_informed_within_a_month";
    public const string UserGetsAccountMailOnly = "user_gets_account_mail_only";
    public const string RequesterGetsRequestMailOnly = "requester_gets_request_mail_only";
}
