// The Invitation connection type of `invitations`.
import { ConnectionType } from '../../../lib/connection.js';
import { Invitation } from './invitation.entity.js';

export const InvitationConnection = ConnectionType(Invitation, 'Invitation');
