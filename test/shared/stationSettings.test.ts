import { describe, expect, it } from 'vitest';
import { maskMongoUri } from '../../shared/stationSettings';

describe('maskMongoUri (what the UI and the log may show of the connection string)', () => {
  it('hides the password', () => {
    expect(maskMongoUri('mongodb+srv://anna:s3cret@cluster0.x.net/db')).toBe('mongodb+srv://anna:•••@cluster0.x.net/db');
  });

  it('hides secret options: AWS session token, key file password, anything named password/secret/token/key', () => {
    const uri =
      'mongodb://db.example:27017/shop?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:tok3n,SERVICE_NAME:x' +
      '&tlsCertificateKeyFilePassword=pa55&retryWrites=true&awsSecretAccessKey=s3cr3t&myApiToken=t0k&sslKey=k3y';
    const masked = maskMongoUri(uri);
    for (const secret of ['tok3n', 'pa55', 's3cr3t', 't0k', 'k3y']) expect(masked).not.toContain(secret);
    expect(masked).toContain('retryWrites=true');
    expect(masked).toContain('authMechanism=MONGODB-AWS');
    expect(masked).toContain('tlsCertificateKeyFilePassword=•••');
  });

  it('hides a password that contains @ or : and keeps a URI without secrets as it is', () => {
    expect(maskMongoUri('mongodb://anna:p@ss:w0rd@db.example/')).toBe('mongodb://anna:•••@db.example/');
    expect(maskMongoUri('mongodb://db.example:27017/?replicaSet=rs0')).toBe('mongodb://db.example:27017/?replicaSet=rs0');
  });
});
