using Marketing.Core.Tests.Docs;

namespace Marketing.Core.Tests.Data;

/// <summary>Provider-specific SQL sits behind one seam: nothing else asks which provider it runs on.</summary>
public sealed class ProviderQueriesFacts
{
    [Fact]
    public void OnlyTheSeam_AsksWhichProviderAQueryRunsOn()
    {
        var asking = RepositoryFiles.Under("src", ".cs")
            .Where(f => File.ReadAllText(f).Contains(".IsNpgsql()", StringComparison.Ordinal))
            .Select(RepositoryFiles.Relative)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["src/Marketing.Core/Data/IProviderQueries.cs"], asking);
    }
}
