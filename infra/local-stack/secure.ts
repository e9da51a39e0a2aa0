// Secured endpoints of the local stack, for testing gapwatch's SASL/TLS and Elasticsearch-auth paths:
// a CA generated here (openssl), a broker listener with SASL/SCRAM-SHA-512 over TLS, and credentials for an
// Elasticsearch node with security on. Secrets are generated once per machine, stored 0600 under the run
// directory, and never printed.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { StackLayout } from "./paths.ts";

export interface SecureFiles {
  dir: string;
  caCert: string;
  caKey: string;
  serverKey: string;
  serverCert: string;
  /** Key and certificate in one PEM file, the form Kafka's PEM keystore reads. */
  serverPem: string;
  credentials: string;
}

export interface SecureCredentials {
  kafka: { username: string; password: string; mechanism: "scram-sha-512" };
  elasticsearch: { username: string; password: string };
}

/** What a client needs to reach the secured endpoints (written to secure-endpoints.json for tests). */
export interface SecureEndpoints {
  kafkaBrokers: string[];
  esUrl: string;
  caFile: string;
  credentials: SecureCredentials;
}

export function secureFiles(layout: StackLayout): SecureFiles {
  const dir = path.join(layout.runDir, "secure");
  return {
    dir,
    caCert: path.join(dir, "ca.crt"),
    caKey: path.join(dir, "ca.key"),
    serverKey: path.join(dir, "server.key"),
    serverCert: path.join(dir, "server.crt"),
    serverPem: path.join(dir, "server.pem"),
    credentials: path.join(dir, "credentials.json"),
  };
}

function openssl(args: string[], cwd: string): void {
  const result = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (result.error) throw new Error(`cannot run openssl (needed for the local CA): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
}

/** Creates the CA, a server certificate for 127.0.0.1/localhost and the credentials, once. */
export function ensureSecureMaterial(layout: StackLayout): { files: SecureFiles; credentials: SecureCredentials } {
  const files = secureFiles(layout);
  mkdirSync(files.dir, { recursive: true });
  if (!existsSync(files.serverPem)) {
    const ext = path.join(files.dir, "server.ext");
    writeFileSync(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
    openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", files.caKey], files.dir);
    openssl(
      [
        "req",
        "-x509",
        "-new",
        "-key",
        files.caKey,
        "-sha256",
        "-days",
        "825",
        "-subj",
        "/CN=gapwatch local CA",
        "-out",
        files.caCert,
      ],
      files.dir,
    );
    openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", files.serverKey], files.dir);
    const csr = path.join(files.dir, "server.csr");
    openssl(["req", "-new", "-key", files.serverKey, "-subj", "/CN=localhost", "-out", csr], files.dir);
    openssl(
      [
        "x509",
        "-req",
        "-in",
        csr,
        "-CA",
        files.caCert,
        "-CAkey",
        files.caKey,
        "-CAcreateserial",
        "-days",
        "825",
        "-sha256",
        "-extfile",
        ext,
        "-out",
        files.serverCert,
      ],
      files.dir,
    );
    writeFileSync(files.serverPem, `${readFileSync(files.serverKey, "utf8")}${readFileSync(files.serverCert, "utf8")}`);
    for (const secret of [files.caKey, files.serverKey, files.serverPem]) chmodSync(secret, 0o600);
  }
  if (!existsSync(files.credentials)) {
    const secret = () => randomBytes(18).toString("base64url");
    const credentials: SecureCredentials = {
      kafka: { username: "gapwatch", password: secret(), mechanism: "scram-sha-512" },
      elasticsearch: { username: "gapwatch", password: secret() },
    };
    writeFileSync(files.credentials, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  }
  return { files, credentials: JSON.parse(readFileSync(files.credentials, "utf8")) as SecureCredentials };
}

export function secureEndpointsFile(layout: StackLayout): string {
  return path.join(layout.runDir, "secure", "endpoints.json");
}

/** The secured endpoints, if `stack up --secure` has run on this machine. */
export function readSecureEndpoints(layout: StackLayout): SecureEndpoints | undefined {
  const file = secureEndpointsFile(layout);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as SecureEndpoints) : undefined;
}
