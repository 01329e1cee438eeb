// The MemberGroup connection type, shared by memberGroups and Member.groups.
import { ConnectionType } from '../../../lib/connection.js';
import { MemberGroup } from './member-group.entity.js';

export const MemberGroupConnection = ConnectionType(MemberGroup, 'MemberGroup');
