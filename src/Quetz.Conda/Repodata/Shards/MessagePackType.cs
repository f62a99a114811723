namespace Quetz.Conda.Repodata.Shards;

/// <summary>The kinds of MessagePack value, as <see cref="MessagePackReader.PeekType"/> reports them.</summary>
internal enum MessagePackType
{
    Nil,
    Boolean,
    Integer,
    Float,
    String,
    Binary,
    Array,
    Map,
    Extension,
}
