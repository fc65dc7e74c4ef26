using Marketing.Channels.Sms;

namespace Marketing.Core.Tests.Channels.Sms;

public sealed class SmsKeywordsFacts
{
    [Theory]
    [InlineData("STOP", SmsIntent.Stop)]
    [InlineData("  arrêt. ", SmsIntent.Stop)]
    [InlineData("opt out", SmsIntent.Stop)]
    [InlineData("Stop texting me", SmsIntent.Stop)]
    [InlineData("STOP please!", SmsIntent.Stop)]
    [InlineData("Stopped by the shop, thanks", SmsIntent.Other)]
    [InlineData("unstop", SmsIntent.Start)]
    [InlineData("Oui", SmsIntent.Yes)]
    [InlineData("yes please", SmsIntent.Other)]
    public void Reads_WhatAReplyMeans(string body, SmsIntent intent) => Assert.Equal(intent, SmsKeywords.Defaults.Read(body));
}
