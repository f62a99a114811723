namespace Quetz.Host;

/// <summary>What a browser sees at <c>/</c> (quetz's frontend is optional; login redirects land here).</summary>
internal static class LandingPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Quetz</title></head>
        <body>
        <h1>Quetz</h1>
        <p>A conda package server. Browse the <a href="/docs">API documentation</a>,
        or add a channel to conda: <code>conda config --add channels http://HOST/get/CHANNEL</code>.</p>
        </body>
        </html>
        """;
}
