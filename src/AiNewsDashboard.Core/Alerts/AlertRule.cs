namespace AiNewsDashboard.Core.Alerts;

/// <summary>What a rule watches in its saved view's articles over the last <see cref="AlertRule.WindowDays"/> days.</summary>
public enum AlertCondition
{
    /// <summary>More than <see cref="AlertRule.Threshold"/> articles in the window.</summary>
    Above,

    /// <summary>Fewer than <see cref="AlertRule.Threshold"/> articles in the window (fires when nothing arrives, too).</summary>
    Below,

    /// <summary>The window's count changed by at least <see cref="AlertRule.Threshold"/> percent against the window before.</summary>
    Change,

    /// <summary>A provider in the view drifts in quality by at least <see cref="AlertRule.Threshold"/> standard errors (each drift once).</summary>
    Drift,

    /// <summary>A story in the view breaks with at least <see cref="AlertRule.Threshold"/> new providers in the breaking window (each story once).</summary>
    Breaking,

    /// <summary>A topic in the view is a coverage gap surging at least <see cref="AlertRule.Threshold"/> robust standard deviations above its
    /// baseline (each topic once per window-long period).</summary>
    Gap,
}

/// <summary>
/// A threshold on a saved view: its count (its filter, collections and all, over the last days), or a signal in it (a
/// quality drift, a breaking story, a coverage gap) above a strength; checked after every import and on a timer. A count's crossing
/// fires once, then the rule waits until the count is back on the other side; each signal fires once.
/// </summary>
public sealed class AlertRule
{
    public const int MaxNameLength = 100, MaxWindowDays = 365;

    public int Id { get; set; }

    /// <summary>Whose inbox its alerts go to (a user name in Accounts mode, "local" in Local mode).</summary>
    public required string OwnerId { get; set; }

    public required string Name { get; set; }
    public int SavedViewId { get; set; }
    public AlertCondition Condition { get; set; }
    public double Threshold { get; set; }
    public int WindowDays { get; set; } = 1;
    public DateTimeOffset CreatedUtc { get; set; }

    /// <summary>The condition held at the last check: a crossing fires only from false to true.</summary>
    public bool IsFiring { get; set; }

    public DateTimeOffset? LastCheckedUtc { get; set; }
}

/// <summary>One delivered alert: in its owner's inbox and feed, mailed when mail is set up. (RuleId, Key) is unique, so
/// no restart, second server or re-import delivers it twice.</summary>
public sealed class Alert
{
    public int Id { get; set; }
    public int RuleId { get; set; }
    public required string OwnerId { get; set; }

    /// <summary>What makes it one alert: the condition and the window's last day.</summary>
    public required string Key { get; set; }

    public DateTimeOffset FiredUtc { get; set; }
    public required string Title { get; set; }

    /// <summary>Why it fired, with its numbers.</summary>
    public required string Detail { get; set; }

    /// <summary>The articles behind it (a relative URL).</summary>
    public required string Url { get; set; }

    /// <summary>The figure the rule's threshold was held against: articles, percent, z, new providers or surge; null for a note.</summary>
    public double? Value { get; set; }

    public bool IsRead { get; set; }
}

/// <summary>A user's secret feed address: /alerts/feed/{Token}.atom lists their alerts without signing in.</summary>
public sealed class AlertFeed
{
    public required string OwnerId { get; set; }
    public required string Token { get; set; }
}
