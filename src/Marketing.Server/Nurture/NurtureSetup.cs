using Hangfire;
using Marketing.Data;
using Marketing.Nurture;
using Marketing.Sending;
using Marketing.Server.Channels.Email;
using Marketing.Server.Channels.Sms;
using Marketing.Server.Hosting;
using Marketing.Server.Sending;
using Marketing.Server.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Nurture;

public static class NurtureSetup
{
    public static IServiceCollection AddNurture(this IServiceCollection services, ResolvedSettings settings)
    {
        services.AddSending(settings);
        var nurture = settings.Raw.Nurture;
        services.AddSingleton(new NurtureOptions(nurture.BatchSize, TimeSpan.FromSeconds(nurture.LeaseSeconds), NurtureOptions.Default.PassBudget));
        services.AddSingleton(provider => new NurtureEngine(
            provider.GetRequiredService<SendGate>(), settings.SendPolicy, provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<NurtureOptions>()));
        services.AddSingleton<NurtureSignal>();
        return services;
    }
}
