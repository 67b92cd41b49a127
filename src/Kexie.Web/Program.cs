using Kexie.Web.Components;
using Kexie.Web.Modules.Kepu;
using Kexie.Web.Platform;
using Kexie.Web.Platform.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.AddKepu();
builder.Services.AddRazorComponents();

var app = builder.Build();

await app.InitialiseDatabaseAsync();

app.UsePlatform();
app.MapStaticAssets();
app.MapPlatform();
app.MapKepu();
app.MapRazorComponents<App>();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();

namespace Kexie.Web
{
    /// <summary>Entry point marker for WebApplicationFactory.</summary>
    public partial class Program;
}
