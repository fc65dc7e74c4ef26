using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Overview;

/// <summary>
/// Rows per day over a window, in one query and one range scan of the timestamp's index: one conditional count per day,
/// the same SQL on SQLite (timestamps stored as ticks) and PostgreSQL, where grouping by a computed date would differ.
/// </summary>
public static class DailyCounts
{
    /// <param name="days">The days' starts, ascending; the last day ends at <paramref name="end"/>.</param>
    public static async Task<int[]> CountAsync<T>(IQueryable<T> rows, Expression<Func<T, DateTimeOffset>> at, IReadOnlyList<DateTimeOffset> days,
        DateTimeOffset end, CancellationToken ct)
    {
        var bounds = days.Append(end).ToList();
        var inWindow = Between(at, bounds[0], end);
        var group = Expression.Parameter(typeof(IGrouping<int, T>), "g");
        var counts = Enumerable.Range(0, days.Count).Select(i => (Expression)Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(T)],
            group, Between(at, bounds[i], bounds[i + 1])));
        var selector = Expression.Lambda<Func<IGrouping<int, T>, int[]>>(Expression.NewArrayInit(typeof(int), counts), group);
        var result = await rows.Where(inWindow).GroupBy(_ => 1).Select(selector).FirstOrDefaultAsync(ct);
        return result ?? new int[days.Count];
    }

    private static Expression<Func<T, bool>> Between<T>(Expression<Func<T, DateTimeOffset>> at, DateTimeOffset from, DateTimeOffset to) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.AndAlso(
                Expression.GreaterThanOrEqual(at.Body, Expression.Constant(from)),
                Expression.LessThan(at.Body, Expression.Constant(to))),
            at.Parameters);
}
