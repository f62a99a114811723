namespace Quetz.Host.Identity;

/// <summary>
/// Who is calling. <see cref="UserId"/> is the identity permissions are checked against (for a scoped key,
/// the key's anonymous user); <see cref="OwnerId"/> is the person credited with what the call creates.
/// </summary>
internal sealed record Caller(Guid? UserId, Guid? OwnerId)
{
    public static readonly Caller Anonymous = new(null, null);
}
