// The account pages' script (gateway/account-pages.ts): reads the mailed token from the
// page's address, and on a click or a submitted form calls the public GraphQL API of the
// same origin. Nothing runs on load but reading the page: a mail scanner that opens the
// link changes nothing. Every text it shows is set as text, never as markup.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('account-page-config').textContent);
  var token = new URLSearchParams(window.location.search).get('token') || '';
  var form = document.getElementById('account-form');
  var status = document.getElementById('account-status');
  var button = form.querySelector('button[type="submit"]');

  function show(message, kind) {
    status.textContent = message;
    status.setAttribute('data-kind', kind);
  }

  function graphql(query, variables, sessionToken) {
    var headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (sessionToken) headers.authorization = 'Bearer ' + sessionToken;
    return fetch(config.endpoint, { method: 'POST', headers: headers, body: JSON.stringify({ query: query, variables: variables }), credentials: 'omit', cache: 'no-store' })
      .then(function (response) {
        return response.json().catch(function () {
          return { errors: [{ message: 'The server answered HTTP ' + response.status + '.' }] };
        });
      })
      .then(function (body) {
        if (body.errors && body.errors.length > 0) throw new Error(body.errors[0].message || 'Something went wrong.');
        return body.data;
      });
  }

  var actions = {
    'verify-email': function () {
      return graphql('mutation VerifyEmail($token: String!) { verifyEmail(token: $token) { user { email emailVerified } } }', { token: token }).then(function (data) {
        return 'Your email address ' + data.verifyEmail.user.email + ' is verified. You can close this page.';
      });
    },
    'reset-password': function () {
      var password = document.getElementById('new-password').value;
      if (password !== document.getElementById('repeat-password').value) return Promise.reject(new Error('The two passwords differ.'));
      return graphql('mutation ResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { endedSessions } }', { input: { token: token, newPassword: password } }).then(function () {
        return 'Your new password is set, and every session of your account was signed out. Sign in with the new password.';
      });
    },
    invitation: function () {
      var email = document.getElementById('email').value;
      var password = document.getElementById('password').value;
      return graphql('mutation SignIn($input: CreateSessionInput!) { createSession(input: $input) { token } }', { input: { email: email, password: password } })
        .then(function (data) {
          return graphql('mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { workspace { id name } } }', { token: token }, data.createSession.token);
        })
        .then(function (data) {
          var workspace = data.acceptInvitation.workspace;
          return 'You joined ' + (workspace && workspace.name ? workspace.name : 'the workspace') + '.';
        });
    },
  };

  if (!token) {
    show('This page needs the link from your mail: its address has no token.', 'error');
    button.disabled = true;
    return;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    button.disabled = true;
    show('Working…', 'busy');
    actions[config.page]()
      .then(function (message) {
        show(message, 'done');
        form.setAttribute('data-done', 'true');
      })
      .catch(function (error) {
        show(error.message, 'error');
        button.disabled = false;
      });
  });
})();
