using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Web;

/// <summary>A user of the web app made for a test, with what they sign in with.</summary>
public sealed record TestUser(Guid Id, string Email, string Password, ApiKeyRole Role, string? AuthenticatorKey);

public static class WebUsers
{
    public const string Password = "correct horse battery staple";

    /// <summary>
    /// A user with a password and, unless told otherwise, the second factor their role needs (an authenticator app:
    /// a test types its codes like a person would).
    /// </summary>
    public static async Task<TestUser> CreateAsync(MarketingApp app, ApiKeyRole role, bool? authenticator = null, string? email = null)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var address = email ?? $"{role.ToName()}.{Guid.NewGuid():N}@staff.example";
        var user = new User { Id = Guid.CreateVersion7(), UserName = address, Email = address, Role = role, CreatedAt = DateTimeOffset.UtcNow, InvitedBy = "test" };
        Check(await users.CreateAsync(user, Password));
        string? key = null;
        if (authenticator ?? role.NeedsSecondFactor())
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }

        return new TestUser(user.Id, address, Password, role, key);
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
