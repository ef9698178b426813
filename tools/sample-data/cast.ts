/** The sample account's people, roles and services, shared by the stories and the background. */
import { iamUser, role, type IamUser, type Role } from './principals';
import type { SampleStory } from './story';

export interface Cast {
  readonly alice: IamUser;
  readonly bob: IamUser;
  /** The story's IAM user (brute-forced console password). */
  readonly dave: IamUser;
  readonly deployRole: Role;
  readonly lambdaRole: Role;
  readonly ssoAdminRole: Role;
  readonly ssoReadOnlyRole: Role;
  readonly autoScalingRole: Role;
  readonly officeIp: string;
  readonly ciIp: string;
  readonly cliAgent: string;
  readonly consoleAgent: string;
  readonly terraformAgent: string;
  readonly boto3Agent: string;
}

export function buildCast(story: SampleStory): Cast {
  return {
    alice: iamUser('alice', 'AIDA4EXAMPLEALICE0001', 'AKIA4EXAMPLEALICE001'),
    bob: iamUser('bob', 'AIDA4EXAMPLEBOB000002', 'AKIA4EXAMPLEBOB00002'),
    dave: iamUser(story.iamUserName, 'AIDA4EXAMPLEDAVE0003', 'AKIA4EXAMPLEDAVE0003'),
    deployRole: role(story.roleName, 'AROA4EXAMPLEDEPLOY01'),
    lambdaRole: role(story.lambdaRoleName, 'AROA4EXAMPLELAMBDA02'),
    ssoAdminRole: role(story.ssoRoleArn.split('/').pop()!, 'AROA4EXAMPLESSOADM03', '/aws-reserved/sso.amazonaws.com/eu-west-1/'),
    ssoReadOnlyRole: role('AWSReservedSSO_ReadOnlyAccess_9e0d1c2b3a4f5e6d', 'AROA4EXAMPLESSORO004', '/aws-reserved/sso.amazonaws.com/eu-west-1/'),
    autoScalingRole: role('AWSServiceRoleForAutoScaling', 'AROA4EXAMPLEASG00005', '/aws-service-role/autoscaling.amazonaws.com/'),
    officeIp: '198.51.100.24',
    ciIp: '192.0.2.44',
    cliAgent: 'aws-cli/2.17.52 md/awscrt#0.21.5 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe command/',
    consoleAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
    terraformAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.70.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.2 ua/2.1 os/linux lang/go#1.22.7 md/GOOS#linux md/GOARCH#amd64 api/',
    boto3Agent: 'Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#5.10.226-235.879.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.36',
  };
}
