using Marketing.Sending;
using Marketing.Server.Hosting;

namespace Marketing.Server.Sending;

public static class SendingSetup
{
    /// <summary>Windows and caps, shared by every channel's dispatcher.</summary>
    public static IServiceCollection AddSendPacing(this IServiceCollection services, ResolvedSettings settings) =>
        services.AddSingleton(new SendPacing(settings.SendPolicy));
}
