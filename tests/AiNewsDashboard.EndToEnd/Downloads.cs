using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

public static class Downloads
{
    /// <summary>
    /// Clicks a download button and waits for the file. Asserts that the address bar and the history are the
    /// page's as before (a download never navigates). Returns where the file was saved and the name the server gave it.
    /// </summary>
    public static async Task<(string Path, string FileName)> ClickAndDownloadInPlaceAsync(IPage page, ILocator button)
    {
        var url = page.Url;
        var history = await page.EvaluateAsync<int>("history.length");

        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());

        var path = (await download.PathAsync())!;
        Assert.True(page.Url == url, $"The address bar moved from {url} to {page.Url}");
        Assert.Equal(history, await page.EvaluateAsync<int>("history.length"));
        return (path, download.SuggestedFilename);
    }
}
