namespace Kexie.Web;

/// <summary>
/// Marker for the shared UI texts. Keys are the Simplified Chinese texts themselves (the default culture);
/// Resources/SharedResource.en.resx holds their English.
/// </summary>
public sealed class SharedResource;
