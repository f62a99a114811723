using Microsoft.OpenApi;

namespace Quetz.Host.Docs;

/// <summary>Swagger UI at <c>/docs</c> and the OpenAPI document at <c>/openapi.json</c>, as quetz serves them.</summary>
internal static class OpenApiSetup
{
    private const string DocumentName = "openapi";
    private const string SchemeName = "ApiKey";

    public static IServiceCollection AddQuetzOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Quetz",
                Version = typeof(OpenApiSetup).Assembly.GetName().Version?.ToString(3),
                Description = "A conda package server, wire-compatible with quetz.",
            });
            o.AddSecurityDefinition(SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Identity.ApiKeyCredential.Header,
                Description = "An API key from POST /api/api-keys (also accepted as /t/<key>/ in the path, or Authorization: Bearer <key>).",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeName, document)] = [],
            });
            o.CustomSchemaIds(SchemaId);
        });
        return services;
    }

    /// <summary>Readable, unique schema names: <c>PaginatedOfChannelResponse</c> for <c>Paginated&lt;ChannelResponse&gt;</c>.</summary>
    private static string SchemaId(Type type) =>
        type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(type.GetGenericArguments().Select(SchemaId))
            : type.Name;

    public static void MapQuetzOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.DocumentTitle = "Quetz API";
            o.SwaggerEndpoint($"/{DocumentName}.json", "Quetz");
        });
    }
}
