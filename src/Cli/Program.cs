using System.CommandLine;
using MedVid.Cli.Commands;

// The medvid command line: the HTTP API for scripts and terminals (./medvid cli …).
var root = new RootCommand("MedVid command line: datasets, uploads, training runs, generation, work items and hosts through the HTTP API")
{
    CliContext.Session,
};
root.Subcommands.Add(LoginCommand.Create());
root.Subcommands.Add(DatasetsCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(AgreementCommand.Create());
root.Subcommands.Add(ExportsCommand.Create());
root.Subcommands.Add(WorkCommand.CreateWorkItems());
root.Subcommands.Add(WorkCommand.CreateHosts());
root.Subcommands.Add(DemoCommand.Create());
return await root.Parse(args).InvokeAsync();
