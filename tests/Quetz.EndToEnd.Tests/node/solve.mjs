// Solves conda specs against live channels with rattler (the library behind pixi) and prints the
// records it chose as JSON on stdout, one array. Used by the end-to-end tests to play a real conda
// client against our server.
//
//   node solve.mjs --channel URL [--channel URL…] --platform linux-64 [--platform noarch…] SPEC [SPEC…]
//   echo '{"specs": ["app"], "channels": ["http://…/get/c"], "platforms": ["linux-64", "noarch"]}' | node solve.mjs -
//
// Exit code 0 with the JSON array on stdout; on failure exit code 1 and the error's text on stderr.
import { simpleSolve } from "@conda-org/rattler";

function parseArguments(argv) {
    const request = { specs: [], channels: [], platforms: [] };
    for (let i = 0; i < argv.length; i++) {
        const argument = argv[i];
        if (argument === "--channel" || argument === "-c") {
            request.channels.push(argv[++i]);
        } else if (argument === "--platform" || argument === "-p") {
            request.platforms.push(argv[++i]);
        } else {
            request.specs.push(argument);
        }
    }
    return request;
}

async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin) {
        chunks.push(chunk);
    }
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

// rattler hands sizes and build numbers out as BigInt, which JSON.stringify refuses.
const plain = (value) => (typeof value === "bigint" ? Number(value) : value ?? null);

async function main() {
    const argv = process.argv.slice(2);
    const request = argv.length === 1 && argv[0] === "-" ? await readStdin() : parseArguments(argv);
    if (request.specs.length === 0 || request.channels.length === 0 || request.platforms.length === 0) {
        throw new Error("usage: solve.mjs --channel URL --platform PLATFORM SPEC… (or '-' and a JSON request on stdin)");
    }

    const solved = await simpleSolve(request.specs, request.channels, request.platforms, []);
    const records = solved.map((record) => ({
        name: record.packageName,
        version: record.version,
        build: record.build,
        build_number: plain(record.buildNumber),
        subdir: plain(record.subdir),
        filename: record.filename,
        url: record.url,
        channel: plain(record.repoName),
        sha256: plain(record.sha256),
        md5: plain(record.md5),
        size: plain(record.size),
        depends: record.depends ?? [],
    }));
    records.sort((a, b) => a.name.localeCompare(b.name));
    process.stdout.write(JSON.stringify(records) + "\n");
}

main().catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
});
