/**
 * `@abm-kit/destination-sftp/testing`: an SFTP server on loopback for tests
 * (yours and ours), serving a real folder, with fault injection.
 * @packageDocumentation
 */
export { startSftpServer, type SftpServerOptions, type SftpTestServer, type SftpRequestRecord } from "./sftp-server.js";
export { noSftpFaults, sftpFaultsFrom, type SftpFault, type SftpFaultSchedule, type SftpRequestInfo } from "./sftp-faults.js";
