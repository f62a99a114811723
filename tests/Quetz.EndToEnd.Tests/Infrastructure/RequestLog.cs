using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Quetz.EndToEnd.Tests.Infrastructure;

/// <summary>One request as the server answered it; an API key in the path is shown as <c>/t/***/</c>.</summary>
public sealed record LoggedRequest(string Method, string Target, int Status, string UserAgent)
{
    public string Path => Target.Split('?')[0];

    /// <summary>Sent by Node's fetch, which rattler's WebAssembly build uses (the tests' own HttpClients send no User-Agent).</summary>
    public bool FromNode => UserAgent.StartsWith("node", StringComparison.Ordinal) || UserAgent.StartsWith("undici", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Target} -> {Status}";
}

/// <summary>
/// Records what a client asked our server and what it got, from ASP.NET Core's own hosting diagnostics, for the
/// server listening on one port. A request is logged when its response starts (status and headers known, before the
/// client can have read any of it), so once a client has its answer, the request is in the log. The raw request
/// target shows the path as the client sent it, before the token middleware rewrites it.
/// </summary>
public sealed partial class RequestLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string RequestStart = "Microsoft.AspNetCore.Hosting.HttpRequestIn.Start";
    private readonly int _port;
    private readonly ConcurrentQueue<LoggedRequest> _requests = new();
    private readonly ConcurrentBag<IDisposable> _subscriptions = [];
    private readonly IDisposable _listeners;

    public RequestLog(int port)
    {
        _port = port;
        _listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public IReadOnlyList<LoggedRequest> All => [.. _requests];

    /// <summary>Forgets what was logged, so a second solve of one channel is read on its own.</summary>
    public void Clear() => _requests.Clear();

    /// <summary>Requests under <c>/get/{channel}/</c>, with or without a key in the path, in the order their responses started.</summary>
    public IReadOnlyList<LoggedRequest> ForChannel(string channel) =>
        [.. _requests.Where(r => r.Path.Contains($"/get/{channel}/", StringComparison.Ordinal) || r.Path.EndsWith($"/get/{channel}", StringComparison.Ordinal))];

    public static string Describe(IEnumerable<LoggedRequest> requests) => string.Join("\n", requests);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.AspNetCore")
        {
            _subscriptions.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RequestStart && value.Value is HttpContext context && context.Connection.LocalPort == _port)
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
            var method = context.Request.Method;
            var userAgent = context.Request.Headers.UserAgent.ToString();
            context.Response.OnStarting(() =>
            {
                _requests.Enqueue(new LoggedRequest(method, KeyInPath().Replace(target, "/t/***/"), context.Response.StatusCode, userAgent));
                return Task.CompletedTask;
            });
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _listeners.Dispose();
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    [GeneratedRegex("/t/[^/]+/")]
    private static partial Regex KeyInPath();
}
