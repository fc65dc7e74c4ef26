using Hangfire;
using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Server.Sending;
using Marketing.Server.Jobs;
using Marketing.Channels.Sms;

namespace Marketing.Server.Channels.Sms;

public static class SmsSetup
{
    public const string StatusPath = "/api/sms/status";
    public const string InboundPath = "/api/sms/inbound";

    public static IServiceCollection AddSms(this IServiceCollection services, ResolvedSettings settings)
    {
        services.AddSending(settings);
        var sms = settings.Raw.Sms;
        services.AddSingleton(new SmsDispatchOptions(sms.AccountSid, sms.AuthToken, sms.From, sms.MessagingServiceSid, sms.BatchSize, sms.MaxAttempts,
            sms.ApiBaseUrl is null ? null : new Uri(sms.ApiBaseUrl), PublicUrl(settings, StatusPath), SenderName(settings),
            settings.Raw.PublicBaseUrl));
        services.AddSingleton<SmsDispatcher>();
        services.AddSingleton<SmsDispatchSignal>();
        services.AddSingleton<DispatchSignal>(provider => provider.GetRequiredService<SmsDispatchSignal>());
        services.AddSingleton(new SmsKeywords(sms.StopKeywords, sms.StartKeywords, sms.YesKeywords));
        return services;
    }

    public static string SenderName(ResolvedSettings settings) => settings.Raw.Sms.SenderName ?? settings.Raw.Email.LegalName ?? "";

    /// <summary>The address Twilio calls, as Twilio signs it: behind a proxy it is the public one, never the one this process sees.</summary>
    public static Uri PublicUrl(ResolvedSettings settings, string path) => new($"{settings.Raw.PublicBaseUrl.TrimEnd('/')}{path}");
}
