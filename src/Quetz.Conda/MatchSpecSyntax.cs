namespace Quetz.Conda;

/// <summary>Which of conda's match spec grammars <see cref="MatchSpec.Parse(string, MatchSpecSyntax)"/> reads.</summary>
public enum MatchSpecSyntax
{
    /// <summary>
    /// The grammar conda uses by default (<c>_parse_spec_str</c>), as found in repodata and
    /// environment files.
    /// </summary>
    Classic,

    /// <summary>
    /// conda's newer grammar for repodata v3 (<c>_parse_spec_str_v3</c>): nested brackets,
    /// list values (<c>extras=[a, b]</c>, <c>flags=[cpu]</c>), validated <c>when=</c> conditions,
    /// and errors for repeated keys, empty values and stray text in brackets.
    /// </summary>
    Extended,
}
