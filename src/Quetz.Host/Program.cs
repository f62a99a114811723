using Quetz.Host.Cli;

return await QuetzCommandLine.Build().Parse(args).InvokeAsync();
