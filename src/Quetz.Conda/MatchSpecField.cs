namespace Quetz.Conda;

/// <summary>The fields a match spec can constrain, in the order conda prints them.</summary>
internal enum MatchSpecField
{
    Channel,
    Subdir,
    Name,
    Version,
    Build,
    BuildNumber,
    TrackFeatures,
    Features,
    Url,
    Md5,
    Sha256,
    License,
    LicenseFamily,
    Fn,
    When,
    Extras,
    Flags,
}
