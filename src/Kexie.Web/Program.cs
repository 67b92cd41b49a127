using Kexie.Web.Components;
using Kexie.Web.Modules.Awards;
using Kexie.Web.Modules.Experts;
using Kexie.Web.Modules.Kepu;
using Kexie.Web.Modules.WorkPlans;
using Kexie.Web.Platform;
using Kexie.Web.Platform.Data;

// Command-line tools that need no web host (documented in the module): parse-workplan <file>.
if (WorkPlansCommandLine.TryRun(args, Console.Out, Console.Error)) return;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.AddKepu();
builder.AddAwards();
builder.AddWorkPlans();
builder.AddExperts();
builder.Services.AddRazorComponents();

var app = builder.Build();

await app.InitialiseDatabaseAsync();

app.UsePlatform();
app.MapStaticAssets();
app.MapPlatform();
app.MapKepu();
app.MapAwards();
app.MapWorkPlans();
app.MapExperts();
app.MapRazorComponents<App>();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();

namespace Kexie.Web
{
    /// <summary>Entry point marker for WebApplicationFactory.</summary>
    public partial class Program;
}
