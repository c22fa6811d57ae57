using AiNewsDashboard.Core.Merges;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Merges;

/// <summary>Registrable domains from the Public Suffix List, with its wildcard and exception rules and the fallback without it.</summary>
public sealed class PublicSuffixListTests
{
    private static readonly PublicSuffixList Sample = PublicSuffixList.Parse(
    [
        "// ===BEGIN ICANN DOMAINS===", "com", "uk", "co.uk", "example", "*.ck", "!www.ck", "", "// private", "blogspot.com", "日本",
    ]);

    [Theory]
    [InlineData("news.bbc.co.uk", "bbc.co.uk")]
    [InlineData("bbc.co.uk", "bbc.co.uk")]
    [InlineData("WWW.HuffPost.COM", "huffpost.com")]
    [InlineData("news.usnews.example", "usnews.example")]
    [InlineData("alice.blogspot.com", "alice.blogspot.com")] // a private suffix: each blog is its own site
    [InlineData("a.b.ck", "a.b.ck")]                         // *.ck: b.ck is a public suffix
    [InlineData("www.ck", "www.ck")]                         // !www.ck: an exception to it
    [InlineData("shop.xn--wgv71a", "shop.日本")]              // punycode is read as the list writes it
    [InlineData("example.unlisted", "example.unlisted")]     // the implicit "*" rule
    public void RegistrableDomain_FollowsTheListsRules(string domain, string expected) =>
        Assert.Equal(expected, Sample.RegistrableDomain(domain));

    [Theory]
    [InlineData("co.uk")]
    [InlineData("b.ck")]
    [InlineData("com")]
    [InlineData("a..com")]
    public void RegistrableDomain_PublicSuffixOrNoDomain_IsNull(string domain) => Assert.Null(Sample.RegistrableDomain(domain));

    [Fact]
    public void Load_MissingFile_FallsBackToTwoLabelsAndSaysSo()
    {
        using var dir = new TempDirectory();

        var list = PublicSuffixList.Load(dir.PathOf("missing.dat"));

        Assert.Equal("co.uk", list.RegistrableDomain("news.bbc.co.uk"));
        Assert.Contains("not found", list.Fallback);
        Assert.Contains("missing.dat", list.Fallback);
    }

    // CI installs Debian's publicsuffix package (.ci/run); the app reads it from there.
    [Fact]
    public void Load_DebiansList_KnowsSecondLevelSuffixes()
    {
        var list = PublicSuffixList.Load();

        Assert.Null(list.Fallback);
        Assert.True(list.RuleCount > 5000, $"{list.RuleCount} rules");
        Assert.Equal("bbc.co.uk", list.RegistrableDomain("news.bbc.co.uk"));
        Assert.Equal("huffpost.com", list.RegistrableDomain("www.huffpost.com"));
    }
}
