// The Member connection type, shared by members and MemberGroup.members.
import { ConnectionType } from '../../../lib/connection.js';
import { Member } from './member.entity.js';

export const MemberConnection = ConnectionType(Member, 'Member');
