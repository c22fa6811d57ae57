namespace AiNewsDashboard.TestSupport;

/// <summary>One wire story's text, for tests of copy detection (syndication): outlets republish it, often with their name after the title.</summary>
public static class WireStory
{
    public const string Title = "Central bank raises rates for the fourth time this year";

    public const string Excerpt =
        "The central bank raised its main interest rate by a quarter point on Tuesday, the fourth increase this year, as officials tried to cool prices that are still rising faster than wages";
}
