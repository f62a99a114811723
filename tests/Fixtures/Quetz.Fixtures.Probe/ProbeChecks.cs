using Microsoft.Extensions.Options;
using Quetz.Abstractions.Http;
using Quetz.Abstractions.Identity;
using Quetz.Abstractions.Packages;

namespace Quetz.Fixtures.Probe;

/// <summary>Refuses new packages with the configured prefix.</summary>
public sealed class ProbeValidator(IOptions<ProbeOptions> options) : INewPackageValidator
{
    public Task ValidateAsync(NewPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var prefix = options.Value.RefusedPrefix;
        return prefix.Length > 0 && package.Name.StartsWith(prefix, StringComparison.Ordinal)
            ? throw new QuetzHttpException(422, $"probe refuses package {package.Name}")
            : Task.CompletedTask;
    }
}

/// <summary>Denies the configured user whatever a server role would grant.</summary>
public sealed class ProbeRoleCheck(IOptions<ProbeOptions> options) : IServerRoleCheck
{
    public Task<string?> DenyAsync(QuetzUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.Username == options.Value.DeniedUser ? $"probe denies {user.Username}" : null);
    }
}
