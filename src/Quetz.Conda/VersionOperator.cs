namespace Quetz.Conda;

/// <summary>The relational operators of conda version specs.</summary>
internal enum VersionOperator
{
    /// <summary><c>==</c> and bare versions.</summary>
    Equal,

    /// <summary><c>!=</c>.</summary>
    NotEqual,

    /// <summary><c>&lt;</c>.</summary>
    Less,

    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    Greater,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,

    /// <summary><c>=1.2</c>, <c>1.2.*</c> and <c>1.2*</c>.</summary>
    StartsWith,

    /// <summary><c>!=1.2.*</c>.</summary>
    NotStartsWith,

    /// <summary><c>~=</c>.</summary>
    Compatible,
}
