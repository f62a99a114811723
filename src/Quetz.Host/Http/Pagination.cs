namespace Quetz.Host.Http;

/// <summary>quetz's <c>skip</c>/<c>limit</c> paging; a negative limit means every row.</summary>
internal readonly record struct PageRequest(int Skip, int Limit)
{
    public const int DefaultLimit = 20;

    public static PageRequest From(HttpRequest request)
    {
        var skip = QueryValues.Int(request, "skip", 0);
        var limit = QueryValues.Int(request, "limit", DefaultLimit);
        if (skip < 0)
        {
            throw ApiException.Invalid(["query", "skip"], "Input should be greater than or equal to 0", "greater_than_equal", skip);
        }

        return new(skip, limit);
    }

    public IQueryable<T> Apply<T>(IQueryable<T> query)
    {
        query = query.Skip(Skip);
        return Limit < 0 ? query : query.Take(Limit);
    }

    public IEnumerable<T> Apply<T>(IEnumerable<T> items)
    {
        items = items.Skip(Skip);
        return Limit < 0 ? items : items.Take(Limit);
    }
}

internal sealed record Pagination(int Skip, int Limit, int AllRecordsCount);

internal sealed record Paginated<T>(Pagination Pagination, IReadOnlyList<T> Result)
{
    public static Paginated<T> Of(PageRequest page, int total, IReadOnlyList<T> result) =>
        new(new Pagination(page.Skip, page.Limit, total), result);
}
