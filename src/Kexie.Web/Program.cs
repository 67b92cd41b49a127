using Kexie.Web.Components;
using Kexie.Web.Modules.Experts;
using Kexie.Web.Platform;
using Kexie.Web.Platform.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.AddExperts();
builder.Services.AddRazorComponents();

var app = builder.Build();

await app.InitialiseDatabaseAsync();

app.UsePlatform();
app.MapStaticAssets();
app.MapPlatform();
app.MapExperts();
app.MapRazorComponents<App>();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();

namespace Kexie.Web
{
    /// <summary>Entry point marker for WebApplicationFactory.</summary>
    public partial class Program;
}
