/**
 * The account takeover: ~20 failed console sign-ins from one IP, a success without MFA, then a
 * backdoor user (CreateUser, AttachUserPolicy, CreateAccessKey), StopLogging, the DB security group
 * opened to the world and DeleteDBInstance — all from the attacker's IP.
 */
import type { Cast } from './cast';
import { ACCOUNT_ID, iamUserConsoleIdentity, iamUserKeyIdentity, sessionKeyId, type Caller } from './principals';
import type { SeededRandom } from './random';
import { buildRecord } from './recordBuilder';
import type { SampleStory } from './story';

type Obj = Record<string, unknown>;

function iamDate(ms: number): string {
  // IAM writes createDate like "Nov 21, 2026, 1:15:00 AM" in responseElements.
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const h = d.getUTCHours();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${months[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${(h % 12) || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

export function buildAttackStory(rand: SeededRandom, story: SampleStory, cast: Cast): Obj[] {
  const out: Obj[] = [];
  const { global, app } = story.regions;
  const dave = cast.dave;
  const attackerAgent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36';
  const signInIdentity = { type: 'IAMUser', principalId: dave.principalId, arn: dave.arn, accountId: ACCOUNT_ID, accessKeyId: '', userName: dave.name };
  const signIn = (time: number, success: boolean): Obj =>
    buildRecord(rand, {
      time,
      region: global,
      source: 'signin.amazonaws.com',
      name: 'ConsoleLogin',
      caller: { userIdentity: signInIdentity, sourceIPAddress: story.attackerIp, userAgent: attackerAgent },
      readOnly: false,
      ...(success ? {} : { errorMessage: 'Failed authentication' }),
      responseElements: { ConsoleLogin: success ? 'Success' : 'Failure' },
      additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true', MobileVersion: 'No', MFAUsed: 'No' },
      eventType: 'AwsConsoleSignIn',
    });
  // Weeks earlier, an admin gave the ops user PowerUserAccess (the attachment in the fixture's main.tf).
  const granted = story.incidentTime - 60 * 86_400_000;
  out.push(
    buildRecord(rand, {
      time: granted,
      region: global,
      source: 'iam.amazonaws.com',
      name: 'AttachUserPolicy',
      caller: { userIdentity: iamUserKeyIdentity(cast.alice), sourceIPAddress: cast.officeIp, userAgent: cast.cliAgent },
      readOnly: false,
      requestParameters: { userName: dave.name, policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
    }),
  );

  for (let i = 0; i < story.failedLoginCount; i++) {
    out.push(signIn(story.times.firstFailedLogin + i * 25_000 + rand.int(0, 5_000), false));
  }
  const login = signIn(story.times.consoleLogin, true);
  out.push(login);
  story.eventIds.consoleLoginSuccess = login.eventID as string;

  const consoleCaller: Caller = {
    userIdentity: iamUserConsoleIdentity(dave, sessionKeyId(rand), story.times.consoleLogin, false),
    sourceIPAddress: story.attackerIp,
    userAgent: attackerAgent,
    console: true,
  };
  const call = (time: number, region: string, source: string, name: string, readOnly: boolean, requestParameters: Obj | null, responseElements: Obj | null = null): Obj =>
    buildRecord(rand, { time, region, source, name, caller: consoleCaller, readOnly, requestParameters, responseElements });

  // Reconnaissance first, like a person clicking through the console.
  out.push(call(story.times.consoleLogin + 60_000, global, 'iam.amazonaws.com', 'ListUsers', true, null));
  out.push(call(story.times.consoleLogin + 90_000, global, 'iam.amazonaws.com', 'GetAccountSummary', true, null));
  out.push(call(story.times.consoleLogin + 150_000, app, 'rds.amazonaws.com', 'DescribeDBInstances', true, null));

  const userId = 'AIDA4EXAMPLEBACKUP06';
  const createUser = call(story.times.createUser, global, 'iam.amazonaws.com', 'CreateUser', false, { userName: story.createdUserName }, {
    user: { path: '/', userName: story.createdUserName, userId, arn: story.createdUserArn, createDate: iamDate(story.times.createUser) },
  });
  const attach = call(story.times.createUser + 40_000, global, 'iam.amazonaws.com', 'AttachUserPolicy', false, {
    userName: story.createdUserName,
    policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
  });
  const key = call(story.times.createUser + 75_000, global, 'iam.amazonaws.com', 'CreateAccessKey', false, { userName: story.createdUserName }, {
    accessKey: { userName: story.createdUserName, accessKeyId: 'AKIA4EXAMPLEBACKUP06', status: 'Active', createDate: iamDate(story.times.createUser + 75_000) },
  });
  out.push(createUser, attach, key);
  story.eventIds.createUser = createUser.eventID as string;
  story.eventIds.attachUserPolicy = attach.eventID as string;

  const stop = call(story.times.stopLogging, global, 'cloudtrail.amazonaws.com', 'StopLogging', false, { name: story.trailArn });
  out.push(stop);
  story.eventIds.stopLogging = stop.eventID as string;

  const ingress = call(
    story.times.authorizeIngress,
    app,
    'ec2.amazonaws.com',
    'AuthorizeSecurityGroupIngress',
    false,
    {
      groupId: story.securityGroupId,
      ipPermissions: {
        items: [{ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, groups: {}, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] }, ipv6Ranges: {}, prefixListIds: {} }],
      },
    },
    {
      requestId: rand.uuid(),
      _return: true,
      securityGroupRuleSet: {
        items: [
          { groupOwnerId: ACCOUNT_ID, groupId: story.securityGroupId, securityGroupRuleId: `sgr-0${rand.hex(16)}`, isEgress: false, ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, cidrIpv4: '0.0.0.0/0' },
        ],
      },
    },
  );
  out.push(ingress);
  story.eventIds.authorizeSecurityGroupIngress = ingress.eventID as string;

  const del = call(
    story.times.deleteDbInstance,
    app,
    'rds.amazonaws.com',
    'DeleteDBInstance',
    false,
    { dBInstanceIdentifier: story.dbInstanceId, skipFinalSnapshot: true, deleteAutomatedBackups: true },
    {
      dBInstanceIdentifier: story.dbInstanceId,
      dBInstanceClass: 'db.r6g.large',
      engine: 'postgres',
      dBInstanceStatus: 'deleting',
      engineVersion: '16.4',
      dBInstanceArn: story.dbInstanceArn,
      deletionProtection: false,
      multiAZ: true,
      vpcSecurityGroups: [{ vpcSecurityGroupId: story.securityGroupId, status: 'active' }],
    },
  );
  out.push(del);
  story.eventIds.deleteDbInstance = del.eventID as string;
  return out;
}
