export { untrustedCertificateCode } from './certificate-codes';
export { tlsOptionsProblem, type TlsOptions } from './tls-options';
