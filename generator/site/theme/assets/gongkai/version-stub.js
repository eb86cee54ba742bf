/* The stub at the address of a version in force (generator/stubs): forward to the
   item page, keeping the #fragment that a meta refresh would drop. */
location.replace(document.getElementById("gk-stub-target").href + location.hash);
