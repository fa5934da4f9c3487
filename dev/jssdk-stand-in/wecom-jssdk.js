/*
 * WeCom JS-SDK stand-in, served only by the local gateway at /_dev/wecom-jssdk.js and put into staff and
 * member pages there (dev/jssdk-stand-in/serve.ts); no deployed function serves it. It mirrors the
 * promise API of @wecom/jssdk for the calls the pages make, so a page runs the same code in a desktop
 * browser against the local stack as inside WeCom: `const ww = window.__wecomStandIn ?? realWw`.
 *
 * register() asks the page for both signatures, as the real client does, and has the WeCom sandbox check
 * them against the tickets it issued; with either one wrong every later call rejects with
 * `{errMsg: '<api>:fail no permission'}`. Calls are answered by the sandbox from the context set with
 * POST /_sandbox/jssdk-context (entry, externalUserId); sendChatMessage lands in GET /_sandbox/sent.
 */
(function () {
  'use strict';
  var BASE = '/_dev/wecom-jssdk';
  var options = null;
  var registeredUrl = null;
  var registration = null;

  function post(path, body) {
    return fetch(BASE + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (res) {
      return res.json();
    });
  }

  /* The real client signs over the address without its #fragment. */
  function pageUrl() {
    return String(window.location.href).split('#')[0];
  }

  function call(fn, arg) {
    if (typeof fn === 'function') {
      try {
        fn(arg);
      } catch {
        /* a page's callback failing must not change the outcome */
      }
    }
  }

  function configure(kind, url) {
    var api = kind === 'corp' ? 'config' : 'agentConfig';
    var getSignature = kind === 'corp' ? options.getConfigSignature : options.getAgentConfigSignature;
    var prefix = kind === 'corp' ? 'onConfig' : 'onAgentConfig';
    var checked =
      typeof getSignature !== 'function'
        ? Promise.resolve({ valid: false, errMsg: api + ':fail no signature function' })
        : Promise.resolve()
            .then(function () {
              return getSignature(url);
            })
            .then(function (sig) {
              return post('/verify', {
                kind: kind,
                corpId: String(options.corpId),
                agentId: options.agentId,
                url: url,
                timestamp: sig.timestamp,
                nonceStr: sig.nonceStr,
                signature: sig.signature,
              });
            })
            .catch(function (err) {
              return { valid: false, errMsg: api + ':fail ' + ((err && err.message) || String(err)) };
            });
    return checked.then(function (result) {
      var res = { errMsg: result.errMsg };
      call(options[prefix + (result.valid ? 'Success' : 'Fail')], res);
      call(options[prefix + 'Complete'], res);
      return result.valid;
    });
  }

  function start() {
    registeredUrl = pageUrl();
    registration = Promise.all([configure('corp', registeredUrl), configure('agent', registeredUrl)]).then(function (valid) {
      return valid[0] && valid[1];
    });
  }

  /* Like ww.register: returns nothing; later calls wait for the signatures to be checked. */
  function register(opts) {
    options = opts || {};
    start();
  }

  function invoke(api, args) {
    if (!registration) return Promise.reject({ errMsg: api + ':fail no permission' });
    /* A single-page app that changed its address signs again, as the real SDK asks it to. */
    if (pageUrl() !== registeredUrl) start();
    return registration
      .then(function (permitted) {
        if (!permitted) throw { errMsg: api + ':fail no permission' };
        return post('/invoke', { api: api, args: args });
      })
      .then(function (answer) {
        if (!answer.ok) throw answer.result;
        return answer.result;
      });
  }

  window.__wecomStandIn = {
    SDK_VERSION: 'local-stand-in',
    register: register,
    getContext: function () {
      return invoke('getContext');
    },
    getCurExternalContact: function () {
      return invoke('getCurExternalContact');
    },
    sendChatMessage: function (message) {
      return invoke('sendChatMessage', message);
    },
  };
})();
