using System.Runtime.CompilerServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using MixNMatchttp.Benchmarks;

// Usage: dotnet run -c Release --project bench/Micro -- --filter '*' [BenchmarkDotNet options]
// Results go to bench/Micro/BenchmarkDotNet.Artifacts unless --artifacts says otherwise.
var config = DefaultConfig.Instance
    .WithArtifactsPath(Path.Combine(ProjectDirectory(), "BenchmarkDotNet.Artifacts"))
    .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(EndpointResolveBenchmarks).Assembly).Run(args, config);

// Non-zero when a benchmark could not be built or run, so that scripts notice.
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;

static string ProjectDirectory([CallerFilePath] string sourceFile = "") => Path.GetDirectoryName(sourceFile)!;
