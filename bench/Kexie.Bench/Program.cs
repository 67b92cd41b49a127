using Kexie.Bench;

// dotnet run -c Release --project bench/Kexie.Bench -- <benchmark|list> [--scale N] [--pg "connection string"]
var name = args.FirstOrDefault() ?? "list";
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name).ToList();
if (name == "list")
{
    foreach (var b in benchmarks) Console.WriteLine($"{b.Name,-28} {b.Description}");
    return 0;
}
var bench = benchmarks.FirstOrDefault(b => b.Name == name);
if (bench is null)
{
    Console.Error.WriteLine($"unknown benchmark {name}; try 'list'");
    return 2;
}
var ctx = BenchContext.FromArgs(args.Skip(1).ToArray());
await bench.RunAsync(ctx);
return 0;
