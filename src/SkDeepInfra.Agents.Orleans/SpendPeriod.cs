namespace SkDeepInfra.Agents.Orleans;

/// <summary>The period a tenant's spend limit covers, in UTC.</summary>
public enum SpendPeriod
{
    /// <summary>A UTC calendar day, from 00:00.</summary>
    Day,

    /// <summary>A UTC calendar month, from the 1st at 00:00.</summary>
    Month,
}
