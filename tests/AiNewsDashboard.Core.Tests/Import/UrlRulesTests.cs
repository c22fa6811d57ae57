using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Core.Tests.Import;

public class UrlRulesTests
{
    [Theory]
    [InlineData("http://example.com")]
    [InlineData("https://example.com/path?q=1#frag")]
    [InlineData("HTTPS://EXAMPLE.COM/")]
    [InlineData("https://xn--bcher-kva.example/")]
    [InlineData("https://例え.jp/パス")]
    [InlineData("http://127.0.0.1:8080/x")]
    [InlineData("https://[::1]/")]
    public void IsHttpUrl_AbsoluteHttpWithHost_True(string url)
    {
        Assert.True(UrlRules.IsHttpUrl(url));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript://example.com/%0aalert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/file")]
    [InlineData("/relative/path")]
    [InlineData("example.com")]
    [InlineData("http:/example.com")]
    [InlineData("http:\\\\example.com")]
    [InlineData("http://")]
    [InlineData("https:///path-without-host")]
    [InlineData(" https://example.com")]
    [InlineData("https://exa mple.com/")]
    [InlineData("https://example.com/a b")]
    [InlineData("https://example.com/\n")]
    public void IsHttpUrl_AnythingElse_False(string? url)
    {
        Assert.False(UrlRules.IsHttpUrl(url));
    }

    [Fact]
    public void IsHttpUrl_TooLong_False()
    {
        Assert.False(UrlRules.IsHttpUrl("https://example.com/" + new string('a', 10_000)));
    }
}
