// The search of the docs site, copied as it is by `npm run docs` (src/docs/assets/).
// It reads the index that the build wrote into search-index.js and builds the result list
// with DOM methods and textContent only, so that no document text is ever parsed as HTML.
(function () {
  'use strict';

  var KIND_ORDER = { event: 0, topic: 1, service: 2, field: 3 };
  var MAX_RESULTS = 50;

  var input = document.getElementById('search-input');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!input || !list || !status) return;

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (word) {
      return word.length > 0;
    });
  }

  var entries = (self.searchIndex || []).map(function (entry) {
    return {
      entry: entry,
      title: words(entry.t),
      all: words(entry.t + ' ' + entry.d + ' ' + entry.x),
    };
  });

  function hasPrefix(haystack, term) {
    for (var i = 0; i < haystack.length; i += 1) {
      if (haystack[i].indexOf(term) === 0) return true;
    }
    return false;
  }

  /** Every word of the query must start a word of the entry; words in the title weigh more. */
  function score(prepared, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i += 1) {
      if (hasPrefix(prepared.title, terms[i])) total += 10;
      else if (hasPrefix(prepared.all, terms[i])) total += 1;
      else return 0;
    }
    return total;
  }

  function search(query) {
    var terms = words(query);
    if (terms.length === 0) return [];
    var found = [];
    for (var i = 0; i < entries.length; i += 1) {
      var value = score(entries[i], terms);
      if (value > 0) found.push({ entry: entries[i].entry, score: value });
    }
    found.sort(function (a, b) {
      return (
        b.score - a.score ||
        KIND_ORDER[a.entry.k] - KIND_ORDER[b.entry.k] ||
        (a.entry.t < b.entry.t ? -1 : a.entry.t > b.entry.t ? 1 : 0)
      );
    });
    return found.map(function (item) {
      return item.entry;
    });
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render(query) {
    var results = search(query);
    list.replaceChildren();
    for (var i = 0; i < Math.min(results.length, MAX_RESULTS); i += 1) {
      var entry = results[i];
      var item = element('li', 'search-result ' + entry.k);
      var link = element('a', 'search-title', entry.t);
      link.href = entry.u;
      item.append(element('span', 'badge kind', entry.k), ' ', link);
      if (entry.d) item.append(element('p', 'muted', entry.d));
      list.append(item);
    }
    if (words(query).length === 0) status.textContent = 'Type a word to search.';
    else if (results.length === 0) status.textContent = 'Nothing matches “' + query + '”.';
    else if (results.length > MAX_RESULTS) {
      status.textContent = 'The first ' + MAX_RESULTS + ' of ' + results.length + ' matches.';
    } else status.textContent = results.length + (results.length === 1 ? ' match.' : ' matches.');
  }

  var query = new URLSearchParams(location.search).get('q') || '';
  input.value = query;
  render(query);

  input.addEventListener('input', function () {
    var url = new URL(location.href);
    url.searchParams.set('q', input.value);
    try {
      history.replaceState(null, '', url);
    } catch (error) {
      // Pages opened from disk may not rewrite their address; the search still works.
    }
    render(input.value);
  });
})();
