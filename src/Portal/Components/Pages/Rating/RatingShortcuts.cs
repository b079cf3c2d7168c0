using System.Globalization;
using MedVid.Rating.Protocols;

namespace MedVid.Portal.Components.Pages.Rating;

/// <summary>A key that chooses a level: <see cref="Key"/> is KeyboardEvent.key (lower case for letters), <see cref="Display"/> what the legend shows.</summary>
public sealed record ShortcutKey(string Key, string Display);

/// <summary>
/// The keyboard shortcuts of the rating screen. The level keys are rendered into each button's data-keys, so the
/// script, the buttons' hints and the legend all read the same table.
/// </summary>
public static class RatingShortcuts
{
    /// <summary>Keys that move through items and control the players, whatever the protocol.</summary>
    public static readonly IReadOnlyList<(string Keys, string Action)> Navigation =
    [
        ("Space", "play / pause"),
        (", and .", "pause, then one frame back / forward"),
        ("↑ ↓", "previous / next criterion"),
        ("Enter or N", "next item"),
        ("P", "previous item"),
    ];

    /// <summary>The keys of one level of a criterion of the protocol.</summary>
    public static IReadOnlyList<ShortcutKey> KeysFor(RatingProtocol protocol, RatingCriterion criterion, RatingLevel level)
    {
        var number = (criterion.Levels.ToList().FindIndex(l => l.Key == level.Key) + 1).ToString(CultureInfo.InvariantCulture);
        return protocol.Id switch
        {
            // Ophora's scores are the digits themselves.
            OphoraSevenCriteria.Id => [new(level.Key, level.Key)],
            MedGenPairwise.Id => level.Key switch
            {
                "left" => [new("arrowleft", "←"), new("1", "1")],
                "right" => [new("arrowright", "→"), new("2", "2")],
                "tie" => [new("t", "T"), new("3", "3")],
                _ => [new("b", "B"), new("4", "4")],
            },
            // Distortion and any later protocol: 1..k in level order.
            _ => [new(number, number)],
        };
    }

    /// <summary>The keys as the button's data-keys attribute (space separated).</summary>
    public static string DataKeys(RatingProtocol protocol, RatingCriterion criterion, RatingLevel level) =>
        string.Join(' ', KeysFor(protocol, criterion, level).Select(k => k.Key));

    public static string Display(RatingProtocol protocol, RatingCriterion criterion, RatingLevel level) =>
        string.Join(" / ", KeysFor(protocol, criterion, level).Select(k => k.Display));
}
