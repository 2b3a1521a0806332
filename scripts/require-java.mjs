// DynamoDB Local (the embedded database) is a Java program: fail early with one clear line.
import { spawnSync } from "node:child_process";

const probe = spawnSync(process.env.JAVA_BIN ?? "java", ["-version"], { encoding: "utf8" });
const match = /version "(\d+)/.exec(`${probe.stderr ?? ""}${probe.stdout ?? ""}`);
const major = match ? Number(match[1]) : 0;
if (probe.error || major < 17) {
  console.error(
    major
      ? `Java ${major} found, but DynamoDB Local needs Java 17 or newer: install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17).`
      : "Java 17+ is required for DynamoDB Local and was not found: install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17).",
  );
  process.exit(1);
}
