using System.Text.Json;

namespace Quetz.Host.Http;

/// <summary>Turns <see cref="ApiException"/> (and a plugin's <c>QuetzHttpException</c>) into quetz's error body and anything unexpected into a bare 500.</summary>
internal sealed class ErrorResponseMiddleware(RequestDelegate next, ILogger<ErrorResponseMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.Status, e.Detail);
        }
        catch (Quetz.Abstractions.Http.QuetzHttpException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.Status, e.Message);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.StatusCode, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            logger.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Internal Server Error");
        }
    }

    public static Task WriteAsync(HttpContext context, int status, object detail)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(detail), QuetzJson.Options, context.RequestAborted);
    }

    private sealed record ErrorBody(object Detail);
}
