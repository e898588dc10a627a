using System;

namespace SkDeepInfra.Testing;

/// <summary>
/// A tool call the emulated model makes. In a stream the first fragment carries id, type and name, and the arguments
/// follow in pieces of the reply's chunk size.
/// </summary>
public sealed class EmulatorToolCall
{
    /// <summary>Initializes a new instance of the <see cref="EmulatorToolCall"/> class.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="arguments">The arguments as JSON text, sent verbatim: it may be deliberately invalid.</param>
    /// <param name="id">The call id, e.g. <c>call_1</c>; <see langword="null"/> makes the server omit the id.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="arguments"/> is null.</exception>
    public EmulatorToolCall(string name, string arguments = "{}", string? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(arguments);
        Name = name;
        Arguments = arguments;
        Id = id;
    }

    /// <summary>Gets the call id, or <see langword="null"/> when the server omits it.</summary>
    public string? Id { get; }

    /// <summary>Gets the function name.</summary>
    public string Name { get; }

    /// <summary>Gets the arguments JSON text, exactly as it is sent.</summary>
    public string Arguments { get; }
}
