using AiNewsDashboard.Web.Components.Pages;
using AiNewsDashboard.Web.Components.Shared;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>How text and URLs from article files are shown: never invisible, never endless, never a request into this machine.</summary>
public sealed class HostileTextTests
{
    [Theory]
    [InlineData("\u200B", "\"\\u200B\"")]
    [InlineData("\u200B\u200D\uFEFF", "\"\\u200B\\u200D\\uFEFF\"")]
    [InlineData(" \t", "\"\\u0020\\u0009\"")]
    [InlineData("\u3164", "\"\\u3164\"")]                 // Hangul filler: a letter that draws nothing
    [InlineData("\U000E0041", "\"\\U000E0041\"")]          // a tag character
    [InlineData("", "(empty)")]
    [InlineData("AI\u200B", "AI\u200B")]                  // something visible: shown as it is
    [InlineData("\u202Egnp.exe", "\u202Egnp.exe")]        // bidi marks are isolated by the markup, not escaped
    public void Show_InvisibleOnlyText_IsEscapedAndVisibleTextIsNot(string text, string shown) =>
        Assert.Equal(shown, VisibleText.Show(text));

    [Fact]
    public void Show_LongerThanTheLimit_CutsAndSaysHowMuchIsLeftOut()
    {
        var shown = VisibleText.Show(new string('W', 200_000), 1000);

        Assert.Equal(new string('W', 1000) + "… (199,000 more characters)", shown);
    }

    [Fact]
    public void Show_CutInsideASurrogatePair_KeepsThePairWhole()
    {
        var shown = VisibleText.Show(new string('a', 9) + "😀tail", 10);

        Assert.StartsWith(new string('a', 9) + "…", shown);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5502/admin/backup")]
    [InlineData("http://127.1.2.3/")]
    [InlineData("http://2130706433/")]                  // 127.0.0.1 as one number
    [InlineData("http://0x7f000001/")]
    [InlineData("http://0.0.0.0:5000/")]
    [InlineData("https://[::1]/x")]
    [InlineData("https://[::ffff:127.0.0.1]/x")]
    [InlineData("https://[fd12:3456::1]/x")]
    [InlineData("https://[fe80::1]/x")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://172.16.0.1/")]
    [InlineData("http://172.31.255.255/")]
    [InlineData("http://192.168.1.1/router.png")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://LOCALHOST./")]
    [InlineData("https://printer.localhost/status.png")]
    [InlineData("https://dash.example.org/admin/backup")] // the dashboard's own host, on any port
    public void Classify_ThisMachineNetworkOrDashboard_IsInternal(string url) =>
        Assert.Equal(LinkTarget.Internal, LinkTargets.Classify(url, "https://dash.example.org:8443/"));

    [Theory]
    [InlineData("https://example.com/a.png", LinkTarget.Live)]
    [InlineData("http://172.32.0.1/", LinkTarget.Live)]
    [InlineData("http://11.0.0.1/", LinkTarget.Live)]
    [InlineData("https://localhost.example.com/", LinkTarget.Live)]
    [InlineData("https://[2001:db8::1]/", LinkTarget.Live)]
    [InlineData("javascript:alert(1)", LinkTarget.NotHttp)]
    [InlineData("/admin/backup", LinkTarget.NotHttp)]
    [InlineData(null, LinkTarget.None)]
    public void Classify_OtherUrls_AreLiveOrNotHttp(string? url, LinkTarget target) =>
        Assert.Equal(target, LinkTargets.Classify(url, "https://dash.example.org:8443/"));
}
