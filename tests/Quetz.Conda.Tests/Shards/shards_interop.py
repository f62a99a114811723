"""
The other side of PythonInteropTests: Debian's python3-msgpack and python3-zstandard read what
Quetz.Conda writes and write what it reads, so both ends are checked against an implementation
that is not ours.

  write DIR                  write a shard and an index (DIR/shard.msgpack.zst, DIR/index.msgpack.zst)
  check-shard FILE SPEC      FILE must decompress and unpack to the shard SPEC describes, byte for byte
  check-index FILE SPEC      likewise for an index
  repack FILE                unpack FILE (raw MessagePack), print it as JSON, fail unless packb gives FILE back
"""

import hashlib
import json
import sys

import msgpack
import zstandard


def pack_record(text):
    # What conda-index's pack_record does: hex checksums become bytes.
    record = json.loads(text)
    for key in ("md5", "sha256"):
        if isinstance(record.get(key), str):
            record[key] = bytes.fromhex(record[key])
    return record


def expected_shard(spec):
    return {
        "packages": {name: pack_record(spec["packages"][name]) for name in sorted(spec["packages"])},
        "packages.conda": {name: pack_record(spec["packages.conda"][name]) for name in sorted(spec["packages.conda"])},
        "removed": sorted(set(spec["removed"])),
    }


def expected_index(spec):
    info = {"subdir": spec["subdir"], "base_url": spec["base_url"], "shards_base_url": spec["shards_base_url"]}
    if spec.get("created_at") is not None:
        info["created_at"] = spec["created_at"]
    return {
        "version": 1,
        "info": info,
        "shards": {name: bytes.fromhex(spec["shards"][name]) for name in sorted(spec["shards"])},
    }


def check(path, expected):
    compressed = open(path, "rb").read()
    # decompress() needs the content size in the frame header, which our writer records.
    data = zstandard.ZstdDecompressor().decompress(compressed)
    actual = msgpack.unpackb(data)
    if actual != expected:
        sys.exit(f"unpacked content differs:\n ours:     {actual!r}\n expected: {expected!r}")
    if data != msgpack.packb(expected):
        sys.exit(f"same content, different bytes:\n ours:   {data.hex()}\n python: {msgpack.packb(expected).hex()}")
    print(hashlib.sha256(compressed).hexdigest())


def as_json(value):
    if isinstance(value, bytes):
        return {"$bin": value.hex()}
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def write(directory):
    shard = {
        "packages": {
            "rich-10.15.2-pyhd8ed1ab_1.tar.bz2": {
                "build": "pyhd8ed1ab_1",
                "build_number": 1,
                "depends": ["colorama >=0.4.0,<0.5.0", "python >=3.6.2"],
                "license": "MIT",
                "md5": bytes.fromhex("2456071b5d040cba000f72ced5c72032"),
                "name": "rich",
                "noarch": "python",
                "sha256": bytes.fromhex("a38347390191fd3e60b17204f2f6470a013ec8753e1c2e8c9a892683f59c3e40"),
                "size": 153963,
                "subdir": "noarch",
                "timestamp": 1638891318904,
                "version": "10.15.2",
            },
        },
        "packages.conda": {
            "\u00fcnicode-1.0-0.conda": {
                "name": "\u00fcnicode",
                "summary": "caf\u00e9 \u2615 \U0001f600",
                "size": 2**40 + 7,
                "u64": 2**64 - 1,
                "negative": -2**40,
                "small_negative": -5,
                "ratio": 0.1,
                "huge": 1e300,
                "nothing": None,
                "yes": True,
                "no": False,
                "depends": ["python >=3.8", "libzlib >=1.3.1,<2.0a0"],
                "nested": {"a": [1, [2, {"b": "\u00e9"}]], "empty": {}},
                "md5": bytes(range(16)),
                "sha256": bytes(range(32)),
                "legacy_bz2_md5": bytes(range(16, 32)),
                "long_text": "x" * 300,
            },
        },
        "removed": ["rich-10.15.1-pyhd8ed1ab_1.tar.bz2"],
        "a_future_key": {"ignored": [1, 2, 3]},
    }
    shard_bytes = zstandard.ZstdCompressor(level=3).compress(msgpack.packb(shard))
    open(f"{directory}/shard.msgpack.zst", "wb").write(shard_bytes)

    index = {
        "version": 1,
        "info": {
            "subdir": "noarch",
            "base_url": "./",
            "shards_base_url": "./shards/",
            "created_at": "2024-07-22T10:11:12.5Z",
            "a_future_key": [1, {"x": None}],
        },
        "shards": {
            "rich": hashlib.sha256(shard_bytes).digest(),
            "\u00fcnicode": bytes(32),
        },
    }
    # A streaming frame, as rattler writes: no content size in the header.
    compressor = zstandard.ZstdCompressor(level=3).compressobj()
    index_bytes = compressor.compress(msgpack.packb(index)) + compressor.flush()
    open(f"{directory}/index.msgpack.zst", "wb").write(index_bytes)


def main():
    command = sys.argv[1]
    if command == "write":
        write(sys.argv[2])
    elif command == "check-shard":
        check(sys.argv[2], expected_shard(json.load(open(sys.argv[3], encoding="utf-8"))))
    elif command == "check-index":
        check(sys.argv[2], expected_index(json.load(open(sys.argv[3], encoding="utf-8"))))
    elif command == "repack":
        data = open(sys.argv[2], "rb").read()
        value = msgpack.unpackb(data)
        if msgpack.packb(value) != data:
            sys.exit(f"msgpack packs the same value differently:\n ours:   {data.hex()}\n python: {msgpack.packb(value).hex()}")
        print(json.dumps(as_json(value)))
    else:
        sys.exit(f"unknown command {command}")


main()
