using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// A page whose form sends a command. Its handlers send and go on as if it worked; when the command is refused,
/// <see cref="CommandRefusalFilter"/> has already put the messages in ModelState (what was typed stays bound) and asks
/// the page to show itself again — loading what it shows beside the form — or to answer otherwise (a redirect with a
/// message, for a one-button form).
/// </summary>
public interface IFormPage
{
    Task<IActionResult> RedisplayAsync(Refusal refusal);
}

/// <summary>Why a command was not carried out.</summary>
public enum Refusal
{
    /// <summary>The form could not be read as it is (a control character, a tampered hidden field): nothing was sent.</summary>
    UnusableInput,

    /// <summary>The command's validator (or its handler) found a field wrong.</summary>
    Invalid,

    /// <summary>The domain refused (a rule, a limit, a step that is not open).</summary>
    Refused,

    /// <summary>Someone else changed the record since the form was loaded.</summary>
    Conflict,
}
